from sinowatch.cli import main

main()
