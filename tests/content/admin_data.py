"""Form data the admin posts, for tests that edit through the admin like an editor does."""


def page_form_data(page, sources=None, **overrides) -> dict:
    """What the admin's page form posts: the page's fields, then its sources inline (all replaced by `sources`,
    a list of dicts, when given)."""
    existing = list(page.sources.all()) if page.pk else []
    rows = sources if sources is not None else [
        {"title": s.title, "publisher": s.publisher, "url": s.url, "accessed": s.accessed.isoformat(), "order": s.order}
        for s in existing
    ]  # fmt: skip
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "status": page.status,
        "group": page.group_id,
        "order": page.order,
        "related": [p.pk for p in page.related.all()] if page.pk else [],
        "reviewer_name": page.reviewer_name,
        "reviewer_credentials": page.reviewer_credentials,
        "last_reviewed": page.last_reviewed.isoformat() if page.last_reviewed else "",
        "review_interval_days": page.review_interval_days,
        "sources-TOTAL_FORMS": len(existing) + (len(rows) if sources is not None else 0),
        "sources-INITIAL_FORMS": len(existing),
        "sources-MIN_NUM_FORMS": 0,
        "sources-MAX_NUM_FORMS": 1000,
    }
    if sources is None:
        for i, (source, row) in enumerate(zip(existing, rows, strict=True)):
            data.update({f"sources-{i}-{k}": v for k, v in row.items()})
            data.update({f"sources-{i}-id": source.pk, f"sources-{i}-page": page.pk})
    else:
        for i, source in enumerate(existing):  # delete every existing source, then add the new ones
            data.update({f"sources-{i}-id": source.pk, f"sources-{i}-page": page.pk, f"sources-{i}-DELETE": "on"})
            data.update({f"sources-{i}-{k}": getattr(source, k) for k in ("title", "publisher", "url", "order")})
            data[f"sources-{i}-accessed"] = source.accessed.isoformat()
        for j, row in enumerate(rows, start=len(existing)):
            data.update({f"sources-{j}-{k}": v for k, v in row.items()})
    data.update(overrides)
    return data
