"""Runs one test file with pytest; exit 77 (ctest's skip) with a reason when pytest is absent."""
import sys

try:
    import pytest
except ImportError:
    print(f"skipped: pytest is not installed for {sys.executable} (Debian: python3-pytest)")
    sys.exit(77)

code = pytest.main(["-q", "-p", "no:cacheprovider", "-rs", *sys.argv[1:]])
sys.exit(int(code))
