import pytest
from django.contrib.auth.models import Group

from content.loader import load_initial, read_initial
from content.models import MedicalReviewer
from tests import two_factor


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Staff fixtures set passwords; the production hasher's million rounds would dominate these tests' time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def initial_content(db):
    """The real initial content of content/initial/, loaded as `manage.py load_content` does."""
    content = read_initial()
    load_initial(content)
    return content


@pytest.fixture
def editor_client(client, content_editor):
    two_factor.sign_in(client, content_editor)
    return client


@pytest.fixture
def medical_reviewer(db, django_user_model):
    user = django_user_model.objects.create_user("reviewer", password="a long enough password 1")
    user.groups.add(Group.objects.get(name="Medical reviewers"))
    MedicalReviewer.objects.create(user=user, display_name="Dr. Ada Lovelace", credentials="MD, addiction medicine")
    return user
