"""The web app: map, timeline, site, event and brief pages, JSON API, discussion threads."""
