/** The floor of the benchmark: a program that declares nothing, checked by the same engine and pack. */
export {};
