"""The workspace: its component and template files (``index``, found on disk by ``scan``), and what links a
template's COMPONENT lines to them (``links``)."""
