"""What the referrals app tells the apps above it, which it must not import."""

from django.dispatch import Signal

# Sent inside the anonymising transaction with ``case_ids`` and ``now``: the intake app anonymises their intakes.
cases_anonymised = Signal()
