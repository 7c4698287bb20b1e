from content.crisis import ALWAYS_SHOWN


def site(request):
    """Clinic details and crisis numbers for the header and footer of every page."""
    return {"crisis_lines": ALWAYS_SHOWN, "clinic_name": "Riverside Health Partners"}
