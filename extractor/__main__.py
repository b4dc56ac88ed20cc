"""``python -m extractor`` runs the CLI."""

from extractor.cli import main

if __name__ == "__main__":
    main()
