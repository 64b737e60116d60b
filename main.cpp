// Placeholder entry point until the wiring lands.
int main() { return 0; }
