"""Returns the length of its event: the work is receiving it."""


def handler(event, context):
    return len(event)
