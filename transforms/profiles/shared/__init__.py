"""Profiles of CMS platforms that several sites share; a site's profile subclasses one."""
