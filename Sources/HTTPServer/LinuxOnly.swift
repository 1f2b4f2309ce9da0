// The transport calls Glibc directly (sockets, rlimits, signals); say so at build time, not at run time.
#if !os(Linux)
    #error("scim-mock builds on Linux only (Glibc, Debian's libmicrohttpd and SQLite)")
#endif
