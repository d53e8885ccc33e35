"""The build's sanitiser: every page body, hand-written or generated, passes through nh3 (ammonia).

nh3 is a maintained binding of the Rust `ammonia` sanitiser (html5ever parser): it removes what the
allow-list in sotay.html_policy does not name, however the HTML was written (entities, odd quoting,
broken nesting), which a regex or a Python parser we wrote ourselves could not promise.
"""

from __future__ import annotations

import nh3

from sotay import html_policy as policy

_ATTRIBUTES = {"*": set(policy.GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in policy.TAG_ATTRIBUTES.items()}}

_CLEANER = nh3.Cleaner(
    tags=set(policy.ALLOWED_TAGS),
    clean_content_tags=set(policy.DROP_WITH_CONTENT),
    attributes=_ATTRIBUTES,
    url_schemes=set(policy.URL_SCHEMES),
    filter_style_properties=set(policy.ALLOWED_STYLE_PROPERTIES),
    link_rel=None,
    strip_comments=True,
)


def sanitize(html: str) -> str:
    """`html` with every element, attribute and URL the allow-list does not name removed."""
    return _CLEANER.clean(html)
