#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro Swift cannot import; binding needs it so SQLite copies our buffers.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }
