from gluelint.cli import main

main(prog_name="gluelint")
