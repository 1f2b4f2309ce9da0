#ifndef SCIM_MOCK_CMICROHTTPD_SHIM_H
#define SCIM_MOCK_CMICROHTTPD_SHIM_H

/*
 * Swift cannot call C variadic functions, so the few MHD entry points that
 * take a `...` option list are wrapped here with fixed-arity inline functions.
 */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>

/* Callback type for MHD_OPTION_URI_LOG_CALLBACK; its result becomes *con_cls. */
typedef void *(*scim_mhd_uri_log_callback)(void *cls, const char *uri,
                                           struct MHD_Connection *connection);

/* Callback type for MHD_OPTION_EXTERNAL_LOGGER (only the format is inspected). */
typedef void (*scim_mhd_logger)(void *cls, const char *format, va_list arguments);

/* The callbacks and limits of one daemon, all sharing one `cls`. */
struct scim_mhd_settings {
    unsigned int flags;
    uint16_t port;
    const struct sockaddr *bind_address;
    unsigned int thread_pool_size;
    unsigned int connection_timeout;
    size_t connection_memory_limit;
    unsigned int connection_limit;
    void *cls;
    MHD_AccessHandlerCallback handler;
    MHD_RequestCompletedCallback completed;
    scim_mhd_uri_log_callback uri_log;
    MHD_NotifyConnectionCallback notify_connection;
    scim_mhd_logger logger;
};

/*
 * Starts a daemon bound to exactly `bind_address` (MHD binds every interface
 * when MHD_OPTION_SOCK_ADDR is missing). The logger comes first: MHD prints
 * messages given before it to stderr. Returns NULL on failure.
 */
static inline struct MHD_Daemon *
scim_mhd_start_daemon(const struct scim_mhd_settings *s)
{
    return MHD_start_daemon(s->flags, s->port, NULL, NULL, s->handler, s->cls,
                            MHD_OPTION_EXTERNAL_LOGGER, s->logger, s->cls,
                            MHD_OPTION_SOCK_ADDR, s->bind_address,
                            MHD_OPTION_THREAD_POOL_SIZE, s->thread_pool_size,
                            MHD_OPTION_CONNECTION_TIMEOUT, s->connection_timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, s->connection_memory_limit,
                            MHD_OPTION_CONNECTION_LIMIT, s->connection_limit,
                            MHD_OPTION_NOTIFY_COMPLETED, s->completed, s->cls,
                            MHD_OPTION_NOTIFY_CONNECTION, s->notify_connection, s->cls,
                            MHD_OPTION_URI_LOG_CALLBACK, s->uri_log, s->cls,
                            MHD_OPTION_END);
}

/* The connection's socket (non-blocking); -1 if unknown. */
static inline int
scim_mhd_connection_fd(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : (int)info->connect_fd;
}

/*
 * Bytes of the request line and header fields, CRLFs included; 0 while the
 * head is still arriving (MHD sets it once the empty line is read).
 */
static inline size_t
scim_mhd_request_head_size(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    return info == NULL ? 0 : info->header_size;
}

/* The client's IPv4 or IPv6 address as text in `buffer` (NUL-terminated); 0 on success, -1 if unknown. */
static inline int
scim_mhd_client_address(struct MHD_Connection *connection, char *buffer, socklen_t size)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return -1;
    const struct sockaddr *address = info->client_addr;
    const void *bytes;
    if (address->sa_family == AF_INET) {
        bytes = &((const struct sockaddr_in *)address)->sin_addr;
    } else if (address->sa_family == AF_INET6) {
        bytes = &((const struct sockaddr_in6 *)address)->sin6_addr;
    } else {
        return -1;
    }
    return inet_ntop(address->sa_family, bytes, buffer, size) == NULL ? -1 : 0;
}

/* The pointer set through MHD_OPTION_NOTIFY_CONNECTION's socket_context. */
static inline void *
scim_mhd_socket_context(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info == NULL ? NULL : info->socket_context;
}

/* The port actually bound (differs from the requested one when that was 0); 0 if unknown. */
static inline uint16_t
scim_mhd_bind_port(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/* The listening socket, so callers can inspect the bound address; -1 if unknown. */
static inline int
scim_mhd_listen_fd(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_LISTEN_FD);
    return info == NULL ? -1 : (int)info->listen_fd;
}

/* MHD_SIZE_UNKNOWN: a response of unknown length, sent chunked on HTTP/1.1. */
static inline uint64_t
scim_mhd_size_unknown(void)
{
    return MHD_SIZE_UNKNOWN;
}

/* Content reader result: the body is complete. */
static inline ssize_t
scim_mhd_reader_end_of_stream(void)
{
    return MHD_CONTENT_READER_END_OF_STREAM;
}

/* Content reader result: the body cannot go on; MHD closes the connection at once. */
static inline ssize_t
scim_mhd_reader_end_with_error(void)
{
    return MHD_CONTENT_READER_END_WITH_ERROR;
}

#endif
