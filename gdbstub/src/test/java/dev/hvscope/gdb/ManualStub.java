package dev.hvscope.gdb;

/** Not a test: runs a stub for manual gdb sessions (port in /tmp/hvscope-stub-port). */
final class ManualStub {
    public static void main(String[] args) throws Exception {
        try (StubFixture f = new StubFixture()) {
            java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/hvscope-stub-port"), "" + f.port());
            System.err.println("port " + f.port());
            Thread.sleep(Long.parseLong(args.length > 0 ? args[0] : "60000"));
        }
    }
}
