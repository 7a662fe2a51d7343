"""One module per `newsetl` sub-command; each exposes `register(subparsers)`."""
