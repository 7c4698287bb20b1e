"""The staff clients of the referrals tests: the HSDS export is served on the staff pages."""

from tests.referrals.conftest import counsellor_client, fast_passwords  # noqa: F401 (fixtures)
