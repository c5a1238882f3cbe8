raise RuntimeError("this module fails at import on purpose")


def handler(event, context):
    return {}
