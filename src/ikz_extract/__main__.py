from ikz_extract.cli import main

main()
