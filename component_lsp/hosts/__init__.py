"""Files of other languages that hold content (SPEC section 9): their regions, read and checked as content.

The table of hosts is ``formats/hosts.py``; ``terraform.py`` reads Terraform files, ``hosted.py`` is the model of
a host file, ``features.py`` what it answers, ``quick.py`` the edits that need no new reading.
"""
