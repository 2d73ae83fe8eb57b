"""`python -m hamsu`: the same command line as the `hamsu` script."""
from hamsu.cli import run

if __name__ == "__main__":
    run()
