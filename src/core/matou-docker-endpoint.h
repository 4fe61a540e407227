/* Which Docker Engine to talk to, chosen the way the docker CLI chooses: DOCKER_HOST, DOCKER_CONTEXT, the current context. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  MATOU_ENDPOINT_UNIX,  /* a socket on this computer */
  MATOU_ENDPOINT_TCP,   /* tcp://HOST:PORT, plain or TLS */
  MATOU_ENDPOINT_SSH,   /* ssh://[USER@]HOST[:PORT], through `docker system dial-stdio` there */
} MatouEndpointKind;

/* What chose the endpoint. */
typedef enum {
  MATOU_ENDPOINT_FROM_DEFAULT,        /* nothing set: the context "default" and the local socket */
  MATOU_ENDPOINT_FROM_DOCKER_HOST,    /* the DOCKER_HOST variable */
  MATOU_ENDPOINT_FROM_DOCKER_CONTEXT, /* the DOCKER_CONTEXT variable */
  MATOU_ENDPOINT_FROM_CONFIG,         /* currentContext in the docker CLI's config.json */
  MATOU_ENDPOINT_FROM_CHOICE,         /* a context the user picked in Matou */
} MatouEndpointSource;

/* The user's rootless daemon, picked in Matou even without a docker context of that name. */
#define MATOU_ROOTLESS_CONTEXT "rootless"

typedef struct {
  MatouEndpointKind   kind;
  MatouEndpointSource source;
  char               *context;      /* the context's name; "default" for DOCKER_HOST and the local socket */
  char               *description;  /* the context's description, or NULL */
  char               *host;         /* the URL as written: unix:///…, tcp://…, ssh://… */
  char               *socket_path;  /* UNIX: the socket */
  char               *address;      /* TCP, SSH: the host name or address (IPv6 without brackets) */
  guint16             port;         /* TCP: set once resolved (0 from new_for_host when absent); SSH: 0 for ssh's default */
  char               *ssh_user;     /* SSH: NULL when ssh's own default applies */
  gboolean            tls;          /* TCP: speak TLS */
  gboolean            tls_skip_verify;
  char               *ca_file;      /* TCP with TLS: each NULL when the file is absent */
  char               *cert_file;
  char               *key_file;
} MatouDockerEndpoint;

#define MATOU_TYPE_DOCKER_ENDPOINT (matou_docker_endpoint_get_type ())
GType                matou_docker_endpoint_get_type (void) G_GNUC_CONST;
void                 matou_docker_endpoint_free    (MatouDockerEndpoint *endpoint);
MatouDockerEndpoint *matou_docker_endpoint_copy    (const MatouDockerEndpoint *endpoint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MatouDockerEndpoint, matou_docker_endpoint_free)

MatouDockerEndpoint *matou_docker_endpoint_new_for_host (const char  *host,
                                                         GError     **error);

MatouDockerEndpoint *matou_docker_endpoint_resolve (const char * const *envp,
                                                    const char         *choice,
                                                    GError            **error);

GPtrArray           *matou_docker_endpoint_list_contexts (const char * const *envp);

gboolean             matou_docker_endpoint_is_local (const MatouDockerEndpoint *endpoint);
gboolean             matou_docker_endpoint_is_rootless (const MatouDockerEndpoint *endpoint,
                                                        const char * const        *envp);
char                *matou_docker_endpoint_context_id (const char *name);

G_END_DECLS
