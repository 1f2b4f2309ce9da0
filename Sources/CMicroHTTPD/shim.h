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
#include <microhttpd.h>

/* Callback type for MHD_OPTION_URI_LOG_CALLBACK; its result becomes *con_cls. */
typedef void *(*scim_mhd_uri_log_callback)(void *cls, const char *uri,
                                           struct MHD_Connection *connection);

/*
 * Starts a daemon bound to exactly `bind_address` (MHD binds every interface
 * when MHD_OPTION_SOCK_ADDR is missing). Returns NULL on failure.
 */
static inline struct MHD_Daemon *
scim_mhd_start_daemon(unsigned int flags,
                      uint16_t port,
                      MHD_AccessHandlerCallback handler,
                      void *handler_cls,
                      const struct sockaddr *bind_address,
                      unsigned int thread_pool_size,
                      unsigned int connection_timeout,
                      size_t connection_memory_limit,
                      MHD_RequestCompletedCallback completed,
                      void *completed_cls,
                      scim_mhd_uri_log_callback uri_log,
                      void *uri_log_cls)
{
    return MHD_start_daemon(flags, port, NULL, NULL, handler, handler_cls,
                            MHD_OPTION_SOCK_ADDR, bind_address,
                            MHD_OPTION_THREAD_POOL_SIZE, thread_pool_size,
                            MHD_OPTION_CONNECTION_TIMEOUT, connection_timeout,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, connection_memory_limit,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completed_cls,
                            MHD_OPTION_URI_LOG_CALLBACK, uri_log, uri_log_cls,
                            MHD_OPTION_END);
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

#endif
