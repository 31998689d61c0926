"""Counting assertions for the server's Python test scripts (fga_cli.py, sdk_client.py)."""


class Tally:
    """Counts passed and failed assertions and prints each failure with what was wanted."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def expect(self, label, actual, wanted):
        if actual == wanted:
            self.passed += 1
        else:
            self.fail(f"{label}\n  wanted: {wanted!r}\n  got:    {actual!r}")

    def ok(self):
        self.passed += 1

    def fail(self, text):
        self.failed += 1
        print(f"FAIL: {text}")

    def finish(self):
        """Prints the summary line; the exit status (0 when nothing failed)."""
        print(f"{self.name}: {self.passed} passed, {self.failed} failed")
        return 0 if self.failed == 0 else 1
