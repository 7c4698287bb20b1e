from django.shortcuts import render


def start(request):
    return render(request, "intake/start.html")


def callback(request):
    return render(request, "intake/callback.html")


def help_now(request):
    return render(request, "intake/help_now.html")
