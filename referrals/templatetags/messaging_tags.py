"""``{% case_messages case %}``: the Messages panel for the staff case page (status of each message, and a
"Send again" button on failed ones for staff who may change the case)."""

from django import template

from messaging.services import messages_for

register = template.Library()


@register.inclusion_tag("staff/includes/case_messages.html", takes_context=True)
def case_messages(context, case):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "case": case,
        "case_messages": list(messages_for(case)),
        "can_retry": bool(user and user.has_perm("referrals.change_case")),
        "csrf_token": context.get("csrf_token"),
    }
