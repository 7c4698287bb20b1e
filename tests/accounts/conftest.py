"""The staff clients of the referrals tests: the idle sign-out is tested on the staff pages."""

from tests.referrals.conftest import counsellor_client, fast_passwords, supervisor_client  # noqa: F401 (fixtures)
