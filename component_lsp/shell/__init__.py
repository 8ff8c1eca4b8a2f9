"""Shell scripts inside components: RUN's shell form and RunShellCommand's commandContent."""
