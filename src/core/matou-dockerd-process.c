/* The running dockerd as /proc shows it: which process serves a socket, and which of its flags are also daemon.json keys. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "matou-docker-host.h"
#include "matou-dockerd-process.h"

void
matou_dockerd_clear (MatouDockerd *dockerd)
{
  g_clear_pointer (&dockerd->argv, g_strfreev);
}

static char **
read_cmdline (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "cmdline", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  if (!g_file_get_contents (path, &contents, &length, NULL) || length == 0)
    return NULL;
  for (gsize i = 0; i < length; i += strlen (contents + i) + 1)
    g_ptr_array_add (argv, g_strdup (contents + i));
  g_ptr_array_add (argv, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&argv), FALSE);
}

/* The value of a flag in @argv: "--name=value", "--name value" or "-x value". */
const char *
matou_dockerd_flag_value (char       **argv,
                          const char  *long_name,
                          const char  *short_name,
                          guint        from)
{
  for (guint i = from; argv[i] != NULL; i++)
    {
      gsize n = strlen (long_name);

      if (g_str_has_prefix (argv[i], long_name) && argv[i][n] == '=')
        return argv[i] + n + 1;
      if ((g_str_equal (argv[i], long_name) || (short_name != NULL && g_str_equal (argv[i], short_name))) &&
          argv[i + 1] != NULL)
        return argv[i + 1];
    }

  return NULL;
}

static gboolean
argv_listens_on (char       **argv,
                 const char  *socket_path)
{
  for (guint i = 1; argv[i] != NULL; i++)
    {
      const char *value = NULL;

      if (g_str_has_prefix (argv[i], "--host="))
        value = argv[i] + strlen ("--host=");
      else if (g_str_has_prefix (argv[i], "-H="))
        value = argv[i] + 3;
      else if ((g_str_equal (argv[i], "-H") || g_str_equal (argv[i], "--host")) && argv[i + 1] != NULL)
        value = argv[++i];
      if (value != NULL && g_str_has_prefix (value, "unix://") && g_str_equal (value + strlen ("unix://"), socket_path))
        return TRUE;
    }

  return FALSE;
}

/**
 * matou_dockerd_find:
 * @socket_path: (nullable): the Engine API socket
 *
 * The dockerd serving @socket_path, else the only dockerd running, else
 * none (@found left empty).
 */
void
matou_dockerd_find (const char   *socket_path,
                    MatouDockerd *found)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint count = 0;
  MatouDockerd only = { 0 };

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_auto(GStrv) argv = NULL;
      g_autofree char *base = NULL;

      if (!g_ascii_isdigit (name[0]))
        continue;
      argv = read_cmdline (name);
      if (argv == NULL || argv[0] == NULL)
        continue;
      base = g_path_get_basename (argv[0]);
      if (!g_str_equal (base, "dockerd"))
        continue;
      if (socket_path != NULL && argv_listens_on (argv, socket_path))
        {
          matou_dockerd_clear (found);
          found->pid = atoi (name);
          found->argv = g_steal_pointer (&argv);
          matou_dockerd_clear (&only);
          return;
        }
      count++;
      matou_dockerd_clear (&only);
      only.pid = atoi (name);
      only.argv = g_steal_pointer (&argv);
    }

  /* The stock unit starts dockerd with -H fd:// (socket activation), and
   * without -H it listens on the default socket: then the only one is ours. */
  if (count == 1 && (socket_path == NULL || g_str_equal (socket_path, MATOU_DEFAULT_DOCKER_SOCKET) ||
                     g_str_equal (socket_path, "/run/docker.sock")) &&
      (matou_dockerd_flag_value (only.argv, "--host", "-H", 1) == NULL ||
       g_str_has_prefix (matou_dockerd_flag_value (only.argv, "--host", "-H", 1), "fd://")))
    *found = only;
  else
    matou_dockerd_clear (&only);
}

/* Flags that are also daemon.json keys: dockerd refuses to start when both are given. */
static const struct {
  const char *flag;
  const char *short_flag;
  const char *key;
} flag_keys[] = {
  { "--dns", NULL, "dns" },
  { "--dns-opt", NULL, "dns-opts" },
  { "--dns-search", NULL, "dns-search" },
  { "--registry-mirror", NULL, "registry-mirrors" },
  { "--insecure-registry", NULL, "insecure-registries" },
  { "--host", "-H", "hosts" },
  { "--data-root", NULL, "data-root" },
  { "--exec-root", NULL, "exec-root" },
  { "--pidfile", "-p", "pidfile" },
  { "--storage-driver", "-s", "storage-driver" },
  { "--log-driver", NULL, "log-driver" },
  { "--log-level", "-l", "log-level" },
  { "--bridge", "-b", "bridge" },
  { "--bip", NULL, "bip" },
  { "--iptables", NULL, "iptables" },
  { "--mtu", NULL, "mtu" },
  { "--live-restore", NULL, "live-restore" },
  { "--containerd", NULL, "containerd" },
  { "--default-runtime", NULL, "default-runtime" },
  { "--userns-remap", NULL, "userns-remap" },
  { "--debug", "-D", "debug" },
};

static gboolean
argv_has_flag (char       **argv,
               const char  *flag,
               const char  *short_flag)
{
  gsize n = strlen (flag);

  for (guint i = 1; argv != NULL && argv[i] != NULL; i++)
    if (g_str_equal (argv[i], flag) || (g_str_has_prefix (argv[i], flag) && argv[i][n] == '=') ||
        (short_flag != NULL && g_str_equal (argv[i], short_flag)))
      return TRUE;

  return FALSE;
}

/* Every daemon.json key that is also a flag, NULL-terminated. */
const char * const *
matou_dockerd_flag_keys (void)
{
  static const char *keys[G_N_ELEMENTS (flag_keys) + 1];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < G_N_ELEMENTS (flag_keys); i++)
        keys[i] = flag_keys[i].key;
      g_once_init_leave (&done, 1);
    }

  return keys;
}

/**
 * matou_dockerd_flag_for_key:
 * @argv: (nullable): a dockerd command line
 *
 * Returns: (nullable): the flag of @argv that sets the daemon.json key @key
 *   ("--dns" for "dns"), or %NULL when @argv does not set it
 */
const char *
matou_dockerd_flag_for_key (char       **argv,
                            const char  *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (flag_keys); i++)
    if (g_str_equal (flag_keys[i].key, key) && argv_has_flag (argv, flag_keys[i].flag, flag_keys[i].short_flag))
      return flag_keys[i].flag;

  return NULL;
}

/**
 * matou_dockerd_shares_network:
 * @pidfile: the daemon's pidfile
 * @shares: (out): whether that process is in this process's network namespace
 *
 * A rootless daemon under RootlessKit usually has a network of its own
 * (slirp4netns), where 127.0.0.1 is not this computer's loopback; with
 * RootlessKit's host network it shares this one.
 *
 * Returns: %FALSE when it cannot be told (no pidfile, no such process, or
 *   its namespace not readable)
 */
gboolean
matou_dockerd_shares_network (const char *pidfile,
                              gboolean   *shares)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  gint64 pid;

  if (!g_file_get_contents (pidfile, &text, NULL, NULL) ||
      !g_ascii_string_to_signed (g_strstrip (text), 10, 1, G_MAXINT, &pid, NULL))
    return FALSE;
  path = g_strdup_printf ("/proc/%" G_GINT64_FORMAT "/ns/net", pid);
  theirs = g_file_read_link (path, NULL);
  ours = g_file_read_link ("/proc/self/ns/net", NULL);
  if (theirs == NULL || ours == NULL)
    return FALSE;
  *shares = g_str_equal (theirs, ours);
  return TRUE;
}
