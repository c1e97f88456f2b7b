"""Stand-in for dominate, which the reference imports for its HTML pages (unused with --no_html)."""


def document(*args, **kwargs):
    raise RuntimeError('HTML pages are off in learning comparisons (--no_html)')
