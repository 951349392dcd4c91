from congregate_lint.cli import main

main()
