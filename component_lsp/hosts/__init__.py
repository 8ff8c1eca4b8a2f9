"""Files of other languages that hold content: Terraform (issue 27; not wired to the server yet)."""
