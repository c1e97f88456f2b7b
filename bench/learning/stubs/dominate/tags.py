"""Tag names the reference's util/html.py imports; unused with --no_html."""
meta = h3 = table = tr = td = p = a = img = br = None
