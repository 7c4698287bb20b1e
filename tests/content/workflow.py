"""The medical review workflow as people use it: an editor submits a change to a page or a care-option text, a
reviewer approves or rejects it."""


def submit(page, editor, **changes):
    """The editor changes the page or text (a new draft revision) and submits it to its workflow."""
    page = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def act(page, user, action: str):
    """``user`` approves or rejects the page's current review task, as the CMS's buttons do."""
    page = type(page).objects.get(pk=page.pk)
    task_state = page.current_workflow_state.current_task_state
    task = task_state.task.specific
    if action not in [name for name, *_ in task.get_actions(page, user)]:
        raise PermissionError(f"{user} may not {action}")
    task.on_action(task_state, user, action)
