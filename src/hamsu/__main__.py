"""`python -m hamsu`: the same command line as the `hamsu` script."""
from hamsu.commands import run

if __name__ == "__main__":
    run()
