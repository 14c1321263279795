/* Compiled once per program with -DTEST_NAME="\"name\"": the name printed in PASS/FAIL lines. */
const char test_name[] = TEST_NAME;
