/* The Settings page's values written for other machines: an Ansible playbook and a shell script. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "matou-atomic-write.h"
#include "matou-daemon-config.h"
#include "matou-error.h"
#include "matou-export.h"
#include "matou-proxy-dropin.h"
#include "matou-validate.h"

/*
 * Both exports carry the same decisions, made here once from the core's own
 * functions, so that they do what Matou's apply would do:
 *
 * - the managed keys as matou_daemon_config_set_*() writes them (an empty
 *   mirror list is "[]", an empty DNS list removes the key);
 * - which keys the daemon reads only at a restart
 *   (matou_daemon_config_change_needs_restart());
 * - the proxy's drop-in for Engines older than 23.0, rendered by
 *   matou_proxy_dropin_render_with_env().
 *
 * What they cannot know here is the Engine version of each machine, so the
 * place of the proxy (daemon.json or the drop-in) is chosen on the machine,
 * from `dockerd --version`, with the rule of matou_proxy_target_for_engine().
 *
 * Every value is written as a JSON string: valid YAML, and read by Python's
 * json module in the script, which holds it in single quotes
 * (g_shell_quote()). Values already passed matou_apply_request_validate(),
 * which refuses line breaks and quotes; a Jinja delimiter, which Ansible
 * would evaluate, is refused here.
 */

#define DROPIN_DIR "/etc/systemd/system/docker.service.d"

typedef struct {
  JsonNode  *settings;      /* object: daemon.json keys to set */
  JsonNode  *remove;        /* array: daemon.json keys to take out */
  gboolean   proxy_managed;
  JsonNode  *proxy;         /* the "proxies" object, or null: no proxy */
  gboolean   proxy_secret;  /* the proxy holds a user name or password */
  char      *dropin_text;   /* for Engines < 23.0; NULL: no proxy */
  char      *env_text;      /* root-only environment file; NULL: none */
  JsonNode  *restart_keys;  /* array: keys that need a restart */
  JsonNode  *expect;        /* array: mirrors as /info reports them, in lower case */
} Export;

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->settings, json_node_unref);
  g_clear_pointer (&export->remove, json_node_unref);
  g_clear_pointer (&export->proxy, json_node_unref);
  g_clear_pointer (&export->dropin_text, g_free);
  g_clear_pointer (&export->env_text, g_free);
  g_clear_pointer (&export->restart_keys, json_node_unref);
  g_clear_pointer (&export->expect, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Export, export_clear)

static gboolean
check_template_safe (const char  *label,
                     const char  *value,
                     GError     **error)
{
  static const char * const openers[] = { "{{", "{%", "{#" };

  if (value == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
    if (strstr (value, openers[i]) != NULL)
      return matou_fail (error, MATOU_ERROR_INVALID_VALUE,
                         /* Translators: the first %s is which setting, as “The HTTP proxy”; the value is not shown, it may hold a password. */
                         _("%s contains “%s”, which Ansible would read as a template: remove it before exporting."),
                         label, openers[i]);

  return TRUE;
}

static gboolean
check_strv_template_safe (const char  *label,
                          char       **values,
                          GError     **error)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!check_template_safe (label, values[i], error))
      return FALSE;

  return TRUE;
}

static JsonNode *
strv_to_node (const char * const *values)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_node_take_array (node, array);

  return node;
}

/* One value in JSON, on one line: valid YAML as well. */
static char *
node_to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);

  return json_generator_to_data (generator, NULL);
}

static char *
string_to_json (const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);

  return node_to_json (node);
}

static JsonNode *
restart_keys_node (void)
{
  static const struct { MatouConfigKeys key; const char *name; } keys[] = {
    { MATOU_CONFIG_KEY_REGISTRY_MIRRORS, MATOU_KEY_REGISTRY_MIRRORS },
    { MATOU_CONFIG_KEY_DNS, MATOU_KEY_DNS },
    { MATOU_CONFIG_KEY_PROXIES, MATOU_KEY_PROXIES },
  };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  /* Asked of the same rule the helper follows, one key at a time. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      MatouConfigDiff diff = { .changed = keys[i].key };

      if (matou_daemon_config_change_needs_restart (&diff))
        g_strv_builder_add (builder, keys[i].name);
    }
  names = g_strv_builder_end (builder);

  return strv_to_node ((const char * const *) names);
}

static gboolean
export_init (Export                   *export,
             const MatouApplyRequest  *request,
             GError                  **error)
{
  g_autoptr(MatouDaemonConfig) config = matou_daemon_config_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) remove = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) expect = g_strv_builder_new ();
  g_auto(GStrv) remove_names = NULL;
  g_auto(GStrv) expect_names = NULL;
  g_autofree char *data = NULL;
  JsonObject *root;

  /* An unknown Engine version: a mirror with a path, which only 25.0 takes, is refused. */
  if (!matou_apply_request_validate (request, NULL, error))
    return FALSE;

  if (!check_strv_template_safe (_("A registry mirror"), request->mirrors, error) ||
      !check_strv_template_safe (_("A DNS server"), request->dns, error))
    return FALSE;

  if (request->has_mirrors)
    {
      matou_daemon_config_set_mirrors (config, (const char * const *) request->mirrors);
      for (guint i = 0; request->mirrors != NULL && request->mirrors[i] != NULL; i++)
        {
          /* The daemon adds a "/" but keeps the host's case (20.10): compared in lower case. */
          g_autofree char *normal = matou_mirror_normalise (request->mirrors[i]);
          g_autofree char *lower = g_utf8_strdown (normal, -1);
          g_autofree char *reported = g_strconcat (lower, "/", NULL);

          g_strv_builder_add (expect, reported);
        }
    }
  if (request->has_dns)
    {
      matou_daemon_config_set_dns (config, (const char * const *) request->dns);
      if (request->dns == NULL || request->dns[0] == NULL)
        g_strv_builder_add (remove, MATOU_KEY_DNS);
    }

  export->proxy_managed = request->has_proxy;
  if (request->has_proxy && !request->clear_proxy)
    {
      g_autoptr(MatouDaemonConfig) proxies = matou_daemon_config_new ();
      g_autofree char *proxies_data = NULL;
      g_autoptr(JsonParser) proxies_parser = json_parser_new ();

      if (!check_template_safe (_("The HTTP proxy"), request->http_proxy, error) ||
          !check_template_safe (_("The HTTPS proxy"), request->https_proxy, error) ||
          !check_template_safe (_("The no-proxy list"), request->no_proxy, error))
        return FALSE;

      matou_daemon_config_set_proxies (proxies, request->http_proxy, request->https_proxy, request->no_proxy);
      proxies_data = matou_daemon_config_to_data (proxies, NULL, error);
      if (proxies_data == NULL || !json_parser_load_from_data (proxies_parser, proxies_data, -1, error))
        return FALSE;
      export->proxy = json_object_dup_member (json_node_get_object (json_parser_get_root (proxies_parser)),
                                              MATOU_KEY_PROXIES);
      export->proxy_secret = matou_proxy_dropin_needs_env_file (request->http_proxy, request->https_proxy);
      export->dropin_text = matou_proxy_dropin_render_with_env ("", request->http_proxy, request->https_proxy,
                                                                request->no_proxy,
                                                                DROPIN_DIR "/" MATOU_PROXY_ENV_NAME,
                                                                &export->env_text, NULL, error);
      if (export->dropin_text == NULL)
        return FALSE;
    }
  else
    {
      export->proxy = json_node_new (JSON_NODE_NULL);
    }

  data = matou_daemon_config_to_data (config, NULL, error);
  if (data == NULL || !json_parser_load_from_data (parser, data, -1, error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  export->settings = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (export->settings, root);

  remove_names = g_strv_builder_end (remove);
  export->remove = strv_to_node ((const char * const *) remove_names);
  expect_names = g_strv_builder_end (expect);
  export->expect = strv_to_node ((const char * const *) expect_names);
  export->restart_keys = restart_keys_node ();

  return TRUE;
}

/* A YAML mapping or list, one item a line, every scalar a JSON string. */
static void
append_yaml (GString    *out,
             JsonNode   *node,
             guint       indent)
{
  g_autofree char *pad = g_strnfill (indent, ' ');

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      if (members == NULL)
        {
          g_string_append (out, " {}\n");
          return;
        }
      g_string_append_c (out, '\n');
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *key = string_to_json (l->data);
          JsonNode *value = json_object_get_member (object, l->data);

          g_string_append_printf (out, "%s%s:", pad, key);
          append_yaml (out, value, indent + 2);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      if (json_array_get_length (array) == 0)
        {
          g_string_append (out, " []\n");
          return;
        }
      g_string_append_c (out, '\n');
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = node_to_json (json_array_get_element (array, i));

          g_string_append_printf (out, "%s- %s\n", pad, item);
        }
    }
  else
    {
      g_autofree char *value = node_to_json (node);

      g_string_append_printf (out, " %s\n", value);
    }
}

static void
append_yaml_var (GString    *out,
                 const char *name,
                 JsonNode   *node)
{
  g_string_append_printf (out, "    %s:", name);
  append_yaml (out, node, 6);
}

static void
append_yaml_string_var (GString    *out,
                        const char *name,
                        const char *value)
{
  g_autofree char *quoted = value != NULL ? string_to_json (value) : g_strdup ("null");

  g_string_append_printf (out, "    %s: %s\n", name, quoted);
}

/**
 * matou_export_playbook_text:
 * @request: the settings, as the Settings page would apply them; a member
 *   left out of the request is left alone on every machine
 *
 * Returns: (transfer full) (nullable): the playbook, or %NULL with @error
 *   when a value is refused
 */
char *
matou_export_playbook_text (const MatouApplyRequest  *request,
                            GError                  **error)
{
  g_auto(Export) export = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  if (!export_init (&export, request, error))
    return NULL;

  g_string_append (out,
    "---\n"
    "# Docker daemon settings exported by Matou " PACKAGE_VERSION ": registry mirrors, DNS\n"
    "# and the daemon's proxy. Run it with:\n"
    "#   ansible-playbook -i INVENTORY " MATOU_EXPORT_PLAYBOOK_NAME "\n"
    "# It merges these keys into daemon.json and keeps every other key, keeps a\n"
    "# backup of the file it replaces, reloads or restarts the daemon the way\n"
    "# Matou does, and fails when `docker info` does not show the mirrors.\n"
    "# Only ansible.builtin modules. `--check --diff` shows the change first.\n"
    "- name: Docker daemon settings from Matou\n"
    "  hosts: all\n"
    "  become: true\n"
    "  gather_facts: false\n"
    "  vars:\n"
    "    # Where things are and how the daemon is run: override them with -e\n"
    "    # for a daemon that systemd does not run.\n"
    "    matou_daemon_json: /etc/docker/daemon.json\n"
    "    matou_dropin_dir: " DROPIN_DIR "\n"
    "    matou_dockerd_version_command: [dockerd, --version]\n"
    "    matou_validate_command: dockerd --validate --config-file %s\n"
    "    matou_systemd_reload_command: [systemctl, daemon-reload]\n"
    "    matou_reload_command: [systemctl, reload, docker]\n"
    "    matou_restart_command: [systemctl, restart, docker]\n"
    "    # `docker info` answers from this socket.\n"
    "    matou_docker_socket: /var/run/docker.sock\n"
    "    matou_check_seconds: 30\n"
    "\n"
    "    # The settings. A key in matou_settings is set, one in\n"
    "    # matou_remove_keys taken out; matou_proxy null means no proxy.\n");
  append_yaml_var (out, "matou_settings", export.settings);
  append_yaml_var (out, "matou_remove_keys", export.remove);
  g_string_append_printf (out, "    matou_proxy_managed: %s\n", export.proxy_managed ? "true" : "false");
  append_yaml_var (out, "matou_proxy", export.proxy);
  g_string_append_printf (out, "    matou_proxy_secret: %s\n", export.proxy_secret ? "true" : "false");
  g_string_append (out,
    "    # Engines older than 23.0 refuse \"proxies\" in daemon.json: their proxy\n"
    "    # goes into a systemd drop-in.\n");
  append_yaml_string_var (out, "matou_dropin_text", export.dropin_text);
  append_yaml_string_var (out, "matou_env_text", export.env_text);
  g_string_append (out, "    # Keys the daemon reads only when it starts: a change to one restarts it.\n");
  append_yaml_var (out, "matou_restart_keys", export.restart_keys);
  g_string_append (out, "    # The mirrors as `docker info` reports them, in lower case.\n");
  append_yaml_var (out, "matou_expect_mirrors", export.expect);

  g_string_append (out,
    "\n"
    "  tasks:\n"
    "    - name: Find the Engine version\n"
    "      ansible.builtin.command:\n"
    "        argv: \"{{ matou_dockerd_version_command }}\"\n"
    "      register: matou_version\n"
    "      changed_when: false\n"
    "      check_mode: false\n"
    "\n"
    "    - name: Decide where the proxy goes\n"
    "      ansible.builtin.set_fact:\n"
    "        matou_engine_23: \"{{ (matou_version.stdout | regex_search('[0-9]+[.][0-9]+') | default('0.0', true)) is version('23.0', '>=') }}\"\n"
    "\n"
    "    - name: Look for daemon.json\n"
    "      ansible.builtin.stat:\n"
    "        path: \"{{ matou_daemon_json }}\"\n"
    "      register: matou_stat\n"
    "\n"
    "    - name: Read daemon.json\n"
    "      ansible.builtin.slurp:\n"
    "        src: \"{{ matou_daemon_json }}\"\n"
    "      register: matou_slurp\n"
    "      when: matou_stat.stat.exists\n"
    "\n"
    "    - name: Merge the settings into the keys already there\n"
    "      ansible.builtin.set_fact:\n"
    "        matou_old: \"{{ ((matou_slurp.content | b64decode | trim) or '{}') | from_json if matou_stat.stat.exists else {} }}\"\n"
    "        matou_json_settings: \"{{ matou_settings | combine({'proxies': matou_proxy} if (matou_proxy_managed and matou_engine_23 and matou_proxy) else {}) }}\"\n"
    "        matou_json_remove: \"{{ matou_remove_keys + (['proxies'] if (matou_proxy_managed and matou_engine_23 and not matou_proxy) else []) }}\"\n"
    "\n"
    "    - name: Check that daemon.json holds a JSON object\n"
    "      ansible.builtin.assert:\n"
    "        that: matou_old is mapping\n"
    "        fail_msg: \"{{ matou_daemon_json }} does not hold a JSON object: fix it by hand first.\"\n"
    "        quiet: true\n"
    "\n"
    "    - name: Work out the new daemon.json\n"
    "      ansible.builtin.set_fact:\n"
    "        matou_new: \"{{ matou_old | dict2items | rejectattr('key', 'in', matou_json_remove) | items2dict | combine(matou_json_settings) }}\"\n"
    "\n"
    "    - name: Write daemon.json\n"
    "      ansible.builtin.copy:\n"
    "        content: \"{{ matou_new | to_nice_json(indent=2, sort_keys=false) }}\\n\"\n"
    "        dest: \"{{ matou_daemon_json }}\"\n"
    "        mode: \"{{ '0600' if (matou_proxy_secret and matou_engine_23) else (matou_stat.stat.mode if matou_stat.stat.exists else '0644') }}\"\n"
    "        backup: true\n"
    "        validate: \"{{ matou_validate_command if matou_engine_23 else omit }}\"\n"
    "      when: not matou_stat.stat.exists or matou_new != matou_old\n"
    "      register: matou_json_written\n"
    "      notify: Matou settings changed\n"
    "\n"
    "    - name: Make the drop-in directory\n"
    "      ansible.builtin.file:\n"
    "        path: \"{{ matou_dropin_dir }}\"\n"
    "        state: directory\n"
    "        mode: \"0755\"\n"
    "      when: matou_proxy_managed and not matou_engine_23 and matou_dropin_text is not none\n"
    "\n"
    "    - name: Write the proxy's environment file, for root only\n"
    "      ansible.builtin.copy:\n"
    "        content: \"{{ matou_env_text }}\"\n"
    "        dest: \"{{ matou_dropin_dir }}/" MATOU_PROXY_ENV_NAME "\"\n"
    "        mode: \"0600\"\n"
    "      when: matou_proxy_managed and not matou_engine_23 and matou_env_text is not none\n"
    "      register: matou_env_written\n"
    "      notify: Matou settings changed\n"
    "\n"
    "    - name: Write the proxy's systemd drop-in\n"
    "      ansible.builtin.copy:\n"
    "        content: \"{{ matou_dropin_text }}\"\n"
    "        dest: \"{{ matou_dropin_dir }}/http-proxy.conf\"\n"
    "        mode: \"0644\"\n"
    "        backup: true\n"
    "      when: matou_proxy_managed and not matou_engine_23 and matou_dropin_text is not none\n"
    "      register: matou_dropin_written\n"
    "      notify: Matou settings changed\n"
    "\n"
    "    - name: Remove the proxy's systemd drop-in\n"
    "      ansible.builtin.file:\n"
    "        path: \"{{ matou_dropin_dir }}/{{ item }}\"\n"
    "        state: absent\n"
    "      loop:\n"
    "        - http-proxy.conf\n"
    "        - " MATOU_PROXY_ENV_NAME "\n"
    "      when: matou_proxy_managed and not matou_engine_23 and matou_dropin_text is none\n"
    "      register: matou_dropin_removed\n"
    "      notify: Matou settings changed\n"
    "\n"
    "    - name: Note whether systemd's units changed\n"
    "      ansible.builtin.set_fact:\n"
    "        matou_units_changed: >-\n"
    "          {{ matou_dropin_written.changed | default(false) or matou_env_written.changed | default(false)\n"
    "             or matou_dropin_removed.changed | default(false) }}\n"
    "\n"
    "    - name: Decide between a reload and a restart\n"
    "      ansible.builtin.set_fact:\n"
    "        matou_needs_restart: >-\n"
    "          {{ (matou_old | dict2items | selectattr('key', 'in', matou_restart_keys) | items2dict) !=\n"
    "             (matou_new | dict2items | selectattr('key', 'in', matou_restart_keys) | items2dict)\n"
    "             or matou_units_changed }}\n"
    "\n"
    "    - name: Apply the settings now\n"
    "      ansible.builtin.meta: flush_handlers\n"
    "\n"
    "    - name: Check that docker info shows the mirrors\n"
    "      ansible.builtin.uri:\n"
    "        url: http://localhost/info\n"
    "        unix_socket: \"{{ matou_docker_socket }}\"\n"
    "        return_content: true\n"
    "      register: matou_info\n"
    "      until: >-\n"
    "        matou_info.status == 200 and\n"
    "        (matou_expect_mirrors | difference(matou_info.json.RegistryConfig.Mirrors | default([], true) | map('lower')) | length == 0)\n"
    "      retries: \"{{ matou_check_seconds }}\"\n"
    "      delay: 1\n"
    "      when: not ansible_check_mode\n"
    "\n"
    "  handlers:\n"
    "    - name: Reload systemd's units\n"
    "      ansible.builtin.command:\n"
    "        argv: \"{{ matou_systemd_reload_command }}\"\n"
    "      listen: Matou settings changed\n"
    "      when: matou_units_changed\n"
    "      changed_when: true\n"
    "\n"
    "    - name: Restart Docker\n"
    "      ansible.builtin.command:\n"
    "        argv: \"{{ matou_restart_command }}\"\n"
    "      listen: Matou settings changed\n"
    "      when: matou_needs_restart\n"
    "      changed_when: true\n"
    "\n"
    "    - name: Reload Docker\n"
    "      ansible.builtin.command:\n"
    "        argv: \"{{ matou_reload_command }}\"\n"
    "      listen: Matou settings changed\n"
    "      when: not matou_needs_restart\n"
    "      changed_when: true\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_shell_var (GString    *out,
                  const char *name,
                  const char *value)
{
  g_autofree char *quoted = g_shell_quote (value);

  g_string_append_printf (out, "%s=%s\n", name, quoted);
}

static void
append_shell_json (GString    *out,
                   const char *name,
                   JsonNode   *node)
{
  g_autofree char *json = node_to_json (node);

  append_shell_var (out, name, json);
}

/* The file work in Python: single quotes are the shell's, so none inside. */
static const char merge_program[] =
  "import difflib, json, os, shutil, sys, tempfile, time\n"
  "(path, dropin_dir, settings, remove, managed, proxy, secret, dropin, env,\n"
  " restart_keys, engine_23, check) = sys.argv[1:]\n"
  "settings = json.loads(settings); remove = json.loads(remove); proxy = json.loads(proxy)\n"
  "dropin = json.loads(dropin); env = json.loads(env); restart_keys = json.loads(restart_keys)\n"
  "managed = managed == \"1\"; engine_23 = engine_23 == \"1\"; check = check == \"1\"\n"
  "def read(name):\n"
  "    try:\n"
  "        with open(name, encoding=\"utf-8\") as f:\n"
  "            return f.read()\n"
  "    except FileNotFoundError:\n"
  "        return None\n"
  "def put(name, text, mode, backup):\n"
  "    old = read(name)\n"
  "    if old == text:\n"
  "        return False\n"
  "    sys.stderr.writelines(difflib.unified_diff((old or \"\").splitlines(True), (text or \"\").splitlines(True), name + \" (before)\", name + \" (after)\"))\n"
  "    if check:\n"
  "        return True\n"
  "    if text is None:\n"
  "        os.unlink(name)\n"
  "        return True\n"
  "    os.makedirs(os.path.dirname(name) or \".\", exist_ok=True)\n"
  "    if backup and old is not None:\n"
  "        shutil.copy2(name, name + time.strftime(\".%Y-%m-%d@%H:%M:%S~\"))\n"
  "    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(name) or \".\", prefix=\".matou-\")\n"
  "    with os.fdopen(fd, \"w\", encoding=\"utf-8\") as f:\n"
  "        f.write(text)\n"
  "    os.chmod(tmp, mode)\n"
  "    os.replace(tmp, name)\n"
  "    return True\n"
  "text = read(path)\n"
  "old = json.loads(text) if text is not None and text.strip() else {}\n"
  "if not isinstance(old, dict):\n"
  "    sys.exit(path + \" does not hold a JSON object: fix it by hand first.\")\n"
  "if managed and engine_23:\n"
  "    if proxy:\n"
  "        settings[\"proxies\"] = proxy\n"
  "    else:\n"
  "        remove.append(\"proxies\")\n"
  "new = {k: v for k, v in old.items() if k not in remove}\n"
  "new.update(settings)\n"
  "restart = any(old.get(k) != new.get(k) for k in restart_keys)\n"
  "json_changed = False\n"
  "if text is None or new != old:\n"
  "    mode = 0o600 if (secret == \"1\" and engine_23) else (os.stat(path).st_mode & 0o7777 if text is not None else 0o644)\n"
  "    json_changed = put(path, json.dumps(new, indent=2, ensure_ascii=False) + \"\\n\", mode, True)\n"
  "units = False\n"
  "if managed and not engine_23:\n"
  "    units = put(os.path.join(dropin_dir, \"" MATOU_PROXY_ENV_NAME "\"), env, 0o600, False)\n"
  "    units = put(os.path.join(dropin_dir, \"http-proxy.conf\"), dropin, 0o644, True) or units\n"
  "action = \"restart\" if (restart or units) else \"reload\" if json_changed else \"none\"\n"
  "print(action, \"units\" if units else \"-\")\n";

static const char check_program[] =
  "import json, sys\n"
  "expect = json.loads(sys.argv[1]); have = json.loads(sys.argv[2] or \"[]\") or []\n"
  "have = [m.lower() for m in have]\n"
  "sys.exit(0 if all(m in have for m in expect) else 1)\n";

/**
 * matou_export_script_text:
 * @request: as for matou_export_playbook_text()
 *
 * Returns: (transfer full) (nullable): a POSIX shell script with the
 *   playbook's steps for one machine, or %NULL with @error
 */
char *
matou_export_script_text (const MatouApplyRequest  *request,
                          GError                  **error)
{
  g_auto(Export) export = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *dropin = NULL;
  g_autofree char *env = NULL;

  if (!export_init (&export, request, error))
    return NULL;

  dropin = export.dropin_text != NULL ? string_to_json (export.dropin_text) : g_strdup ("null");
  env = export.env_text != NULL ? string_to_json (export.env_text) : g_strdup ("null");

  g_string_append (out,
    "#!/bin/sh\n"
    "# Docker daemon settings exported by Matou " PACKAGE_VERSION ": registry mirrors, DNS\n"
    "# and the daemon's proxy, for one machine. Run it as root: sh FILE [--check]\n"
    "# --check shows what would change and changes nothing.\n"
    "# It merges these keys into daemon.json and keeps every other key, keeps a\n"
    "# backup of the file it replaces, reloads or restarts the daemon the way\n"
    "# Matou does, and fails when `docker info` does not show the mirrors.\n"
    "# Running it again changes nothing. The JSON work is done by python3 and\n"
    "# its json module, which Debian and Ubuntu install by default (jq they do not).\n"
    "set -eu\n"
    "\n"
    "# Where things are and how the daemon is run: set these in the\n"
    "# environment for a daemon that systemd does not run.\n"
    ": \"${MATOU_DAEMON_JSON:=/etc/docker/daemon.json}\"\n"
    ": \"${MATOU_DROPIN_DIR:=" DROPIN_DIR "}\"\n"
    ": \"${MATOU_DOCKERD_VERSION_COMMAND:=dockerd --version}\"\n"
    ": \"${MATOU_SYSTEMD_RELOAD_COMMAND:=systemctl daemon-reload}\"\n"
    ": \"${MATOU_RELOAD_COMMAND:=systemctl reload docker}\"\n"
    ": \"${MATOU_RESTART_COMMAND:=systemctl restart docker}\"\n"
    "# The docker client; DOCKER_HOST chooses its daemon as usual.\n"
    ": \"${MATOU_DOCKER:=docker}\"\n"
    ": \"${MATOU_CHECK_SECONDS:=30}\"\n"
    "\n"
    "# The settings, in JSON. A key in matou_settings is set, one in\n"
    "# matou_remove_keys taken out; matou_proxy null means no proxy.\n");
  append_shell_json (out, "matou_settings", export.settings);
  append_shell_json (out, "matou_remove_keys", export.remove);
  g_string_append_printf (out, "matou_proxy_managed=%d\n", export.proxy_managed ? 1 : 0);
  append_shell_json (out, "matou_proxy", export.proxy);
  g_string_append_printf (out, "matou_proxy_secret=%d\n", export.proxy_secret ? 1 : 0);
  g_string_append (out, "# Engines older than 23.0 refuse \"proxies\" in daemon.json: their proxy goes into a systemd drop-in.\n");
  append_shell_var (out, "matou_dropin_text", dropin);
  append_shell_var (out, "matou_env_text", env);
  g_string_append (out, "# Keys the daemon reads only when it starts: a change to one restarts it.\n");
  append_shell_json (out, "matou_restart_keys", export.restart_keys);
  g_string_append (out, "# The mirrors as `docker info` reports them, in lower case.\n");
  append_shell_json (out, "matou_expect_mirrors", export.expect);

  g_string_append (out,
    "\n"
    "check=0\n"
    "case \"${1-}\" in\n"
    "  --check) check=1 ;;\n"
    "  '') ;;\n"
    "  *) echo \"usage: $0 [--check]\" >&2; exit 2 ;;\n"
    "esac\n"
    "\n"
    "if ! version=$(sh -c \"$MATOU_DOCKERD_VERSION_COMMAND\"); then\n"
    "  echo \"matou: could not find the Engine version with: $MATOU_DOCKERD_VERSION_COMMAND\" >&2\n"
    "  exit 1\n"
    "fi\n"
    "engine_23=$(python3 -c 'import re, sys\n"
    "m = re.search(r\"([0-9]+)[.]([0-9]+)\", sys.argv[1])\n"
    "print(1 if m and (int(m.group(1)), int(m.group(2))) >= (23, 0) else 0)' \"$version\")\n"
    "\n");
  {
    g_autofree char *merge = g_shell_quote (merge_program);

    g_string_append_printf (out,
      "result=$(python3 -c %s \\\n"
      "  \"$MATOU_DAEMON_JSON\" \"$MATOU_DROPIN_DIR\" \"$matou_settings\" \"$matou_remove_keys\" \\\n"
      "  \"$matou_proxy_managed\" \"$matou_proxy\" \"$matou_proxy_secret\" \"$matou_dropin_text\" \\\n"
      "  \"$matou_env_text\" \"$matou_restart_keys\" \"$engine_23\" \"$check\")\n",
      merge);
  }
  g_string_append (out,
    "action=${result% *}\n"
    "units=${result#* }\n"
    "\n"
    "if [ \"$check\" = 1 ]; then\n"
    "  echo \"matou: --check: the daemon would get: $action\"\n"
    "  exit 0\n"
    "fi\n"
    "if [ \"$units\" = units ]; then\n"
    "  sh -c \"$MATOU_SYSTEMD_RELOAD_COMMAND\"\n"
    "fi\n"
    "case $action in\n"
    "  restart) echo \"matou: restarting the daemon\"; sh -c \"$MATOU_RESTART_COMMAND\" ;;\n"
    "  reload) echo \"matou: reloading the daemon\"; sh -c \"$MATOU_RELOAD_COMMAND\" ;;\n"
    "  *) echo \"matou: nothing to change\" ;;\n"
    "esac\n"
    "\n"
    "tries=0\n"
    "while :; do\n"
    "  if mirrors=$(\"$MATOU_DOCKER\" info --format '{{json .RegistryConfig.Mirrors}}' 2>/dev/null) &&\n");
  {
    g_autofree char *check = g_shell_quote (check_program);

    g_string_append_printf (out,
      "     python3 -c %s \"$matou_expect_mirrors\" \"$mirrors\"; then\n", check);
  }
  g_string_append (out,
    "    break\n"
    "  fi\n"
    "  tries=$((tries + 1))\n"
    "  if [ \"$tries\" -ge \"$MATOU_CHECK_SECONDS\" ]; then\n"
    "    echo \"matou: docker info does not show the mirrors $matou_expect_mirrors after $MATOU_CHECK_SECONDS s; see the daemon's log\" >&2\n"
    "    exit 1\n"
    "  fi\n"
    "  sleep 1\n"
    "done\n"
    "echo \"matou: the daemon has the settings\"\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
write_text (const char  *path,
            const char  *text,
            int          mode,
            GError     **error)
{
  if (!matou_atomic_write_with_mode (path, text, strlen (text), NULL, mode, error))
    {
      g_prefix_error (error, _("Could not write %s: "), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * matou_export_write_ansible:
 * @dir: the directory to write MATOU_EXPORT_PLAYBOOK_NAME into; made when
 *   missing
 */
gboolean
matou_export_write_ansible (const MatouApplyRequest  *request,
                            const char               *dir,
                            GError                  **error)
{
  g_autofree char *text = matou_export_playbook_text (request, error);
  g_autofree char *path = NULL;
  int saved;

  if (text == NULL)
    return FALSE;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      saved = errno;
      return matou_fail (error, MATOU_ERROR_IO, _("Could not make the folder %s: %s"), dir, g_strerror (saved));
    }

  path = g_build_filename (dir, MATOU_EXPORT_PLAYBOOK_NAME, NULL);

  /* The proxy's password, when it has one, is in the text. */
  return write_text (path, text, 0600, error);
}

gboolean
matou_export_write_script (const MatouApplyRequest  *request,
                           const char               *path,
                           GError                  **error)
{
  g_autofree char *text = matou_export_script_text (request, error);

  if (text == NULL)
    return FALSE;

  return write_text (path, text, 0700, error);
}
