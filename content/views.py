from django.shortcuts import render


def home(request):
    return render(request, "content/home.html")


def page_index(request):
    return render(request, "content/index.html")
