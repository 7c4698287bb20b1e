"""``{% undelivered_alerts_banner %}``: the red banner on the queue and supervisor pages while an urgent-case alert
that reached nobody is unacknowledged (``messaging.alerts``)."""

from django import template

from messaging.alerts import open_alerts

register = template.Library()


@register.inclusion_tag("staff/includes/undelivered_alerts.html", takes_context=True)
def undelivered_alerts_banner(context):
    return {"alerts": list(open_alerts()), "csrf_token": context.get("csrf_token")}
