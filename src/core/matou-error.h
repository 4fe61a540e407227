/* The error domain shared by the GUI, the helper and the core library. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MATOU_ERROR (matou_error_quark ())

typedef enum {
  MATOU_ERROR_FAILED,
  MATOU_ERROR_INVALID_HOST,       /* DOCKER_HOST cannot be parsed */
  MATOU_ERROR_UNSUPPORTED_HOST,   /* tcp://, ssh:// and other remote hosts */
  MATOU_ERROR_BAD_REPLY,          /* the Engine API answered something unexpected */
  MATOU_ERROR_HTTP,               /* the Engine API answered with an error status */
  MATOU_ERROR_INVALID_VALUE,      /* a setting failed validation */
  MATOU_ERROR_PARSE,              /* a configuration file does not parse */
  MATOU_ERROR_UNSAFE_PATH,        /* a path is a symlink or otherwise unsafe */
  MATOU_ERROR_IO,                 /* reading or writing a file failed */
  MATOU_ERROR_CANNOT_PRESERVE,    /* a file holds a value Matou cannot write back unchanged */
  MATOU_ERROR_NOT_AUTHORISED,     /* polkit said no */
  MATOU_ERROR_AUTH_CANCELLED,     /* the user dismissed the authentication dialog */
  MATOU_ERROR_HELPER,             /* the helper ended without a result */
  MATOU_ERROR_BUSY,               /* another helper run is going on */
  MATOU_ERROR_CONTEXT,            /* a docker context is missing or broken */
} MatouError;

GQuark   matou_error_quark (void);

/* Sets @error in MATOU_ERROR with @code and a formatted message; returns FALSE,
 * so that a check can end with `return matou_fail (error, …);`. */
gboolean matou_fail        (GError     **error,
                            MatouError   code,
                            const char  *format,
                            ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
