"""Python rules: one module per rule family, for what YAML data cannot express."""
