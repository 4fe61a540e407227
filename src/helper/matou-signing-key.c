/* Checking that a downloaded signing key is Docker's, whichever mirror served it. */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "matou-error.h"
#include "matou-helper-config.h"
#include "matou-signing-key.h"

/* A version 4 fingerprint: 40 hexadecimal digits (meson checked they are digits). */
G_STATIC_ASSERT (sizeof MATOU_DOCKER_KEY_FINGERPRINT == 41);

/* gpg needs a home even to only show a key: an empty one of root's own,
 * removed afterwards, so that no keyring of anyone is read or changed. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      GStatBuf st;

      if (g_lstat (child, &st) == 0 && S_ISDIR (st.st_mode))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The primary keys' fingerprints, from `gpg --with-colons`: the first "fpr"
 * record after each "pub" record (those after "sub" are the subkeys'). */
static GPtrArray *
primary_fingerprints (const char *colons)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (colons, "\n", -1);
  gboolean after_pub = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ":", -1);

      if (fields[0] == NULL)
        continue;
      if (g_str_equal (fields[0], "pub"))
        {
          after_pub = TRUE;
          g_ptr_array_add (found, g_strdup (""));
        }
      else if (g_str_equal (fields[0], "sub"))
        after_pub = FALSE;
      else if (g_str_equal (fields[0], "fpr") && after_pub && g_strv_length (fields) > 9)
        {
          g_free (found->pdata[found->len - 1]);
          found->pdata[found->len - 1] = g_ascii_strup (fields[9], -1);
          after_pub = FALSE;
        }
    }

  return g_steal_pointer (&found);
}

/**
 * matou_signing_key_check:
 * @data: an OpenPGP public key, armoured or not, as a server sent it
 * @fingerprint: the one primary key it must hold, 40 hexadecimal digits
 *
 * gpg reads the key (`--show-keys`, nothing imported) and tells its
 * primary key's fingerprint. A file with one primary key, @fingerprint,
 * passes; anything else, another key or a second one beside it, fails with
 * @error saying which fingerprint was served.
 */
gboolean
matou_signing_key_check (const char  *data,
                         gsize        length,
                         const char  *fingerprint,
                         GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) input = g_bytes_new (data, length);
  g_autoptr(GBytes) output = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *home = g_dir_make_tmp ("matou-gpg-XXXXXX", &local_error);
  g_autofree char *text = NULL;
  const char * const env[] = { "PATH=" MATOU_HELPER_SAFE_PATH, "LC_ALL=C", NULL };

  if (home == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("the key could not be checked: %s"), local_error->message);
      return FALSE;
    }

  g_subprocess_launcher_set_environ (launcher, (char **) env);
  process = g_subprocess_launcher_spawn (launcher, &local_error,
                                         "gpg", "--homedir", home, "--batch", "--no-tty", "--no-options",
                                         "--no-auto-key-locate", "--with-colons", "--show-keys", NULL);
  if (process != NULL)
    g_subprocess_communicate (process, input, NULL, &output, NULL, &local_error);
  remove_tree (home);

  if (output == NULL)
    {
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("the key could not be checked, because gpg did not run: %s. Install gnupg, then try again"),
                   local_error != NULL ? local_error->message : g_strerror (EIO));
      return FALSE;
    }

  text = g_strndup (g_bytes_get_data (output, NULL), g_bytes_get_size (output));
  found = primary_fingerprints (text);

  if (found->len == 1 && g_ascii_strcasecmp (found->pdata[0], fingerprint) == 0)
    {
      if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
        return TRUE;
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                           _("gpg could not read the key the mirror served in full"));
    }
  else if (found->len == 0)
    {
      g_set_error_literal (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                           _("the mirror served a key that is not Docker’s: gpg found no key in it"));
    }
  else
    {
      g_autofree char *served = NULL;

      g_ptr_array_add (found, NULL);
      served = g_strjoinv (", ", (char **) found->pdata);
      g_set_error (error, MATOU_ERROR, MATOU_ERROR_FAILED,
                   _("the mirror served a key that is not Docker’s: its fingerprint is %s, Docker’s is %s"),
                   served, fingerprint);
    }
  return FALSE;
}
