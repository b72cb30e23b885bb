/*
 * main.c - entry point; everything else lives in libmaturity.
 *
 * SPDX-License-Identifier: MIT
 */
#include "maturity/cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
