"""Công cụ của Sổ tay sinh hoạt chi bộ.

The package holds every piece of logic the site needs (slugs, the document registry,
the citation parser, the checker, generated pages); MkDocs hooks and scripts only call it,
so the build and `python -m sotay check` read pages by exactly the same rules.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
