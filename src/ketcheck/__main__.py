from ketcheck.cli import main

main()
