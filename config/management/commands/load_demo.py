from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from config import demo


class Command(BaseCommand):
    help = "Load demo staff logins (one per role), demo providers and demo cases. Development only."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded in production mode.")
        logins = demo.create_staff()
        providers = demo.create_directory(verified_by=get_user_model().objects.get(username="supervisor"))
        cases = demo.create_cases()
        self.stdout.write(self.style.SUCCESS("Demo staff logins (development only):"))
        for login in logins:
            secret = demo.enrol_two_factor(get_user_model().objects.get(username=login.username))
            self.stdout.write(
                f"  {login.role:<28} username: {login.username:<12} password: {login.password:<22} "
                f"authenticator setup key: {secret}"
            )
        self.stdout.write(f"Demo providers: {providers}. Demo cases added: {cases} (only into an empty queue).")
        self.stdout.write("Staff dashboard: http://127.0.0.1:8000/staff/   Admin: http://127.0.0.1:8000/admin/")
