/* The preset lists of data/: they parse, every entry is complete and valid, and every name and note is translatable. */
#include <locale.h>
#include <string.h>

#include "config.h"
#include "matou-test-locale.h"

#include <glib/gi18n-lib.h>

#include "matou-error.h"
#include "matou-presets.h"
#include "matou-validate.h"

static char *
data_file (const char *name)
{
  /* The fixtures live in tests/fixtures; the lists in data/. */
  return g_build_filename (g_getenv ("MATOU_TEST_FIXTURES"), "..", "..", "data", name, NULL);
}

static GPtrArray *
load (const char *name)
{
  g_autofree char *path = data_file (name);
  g_autoptr(GError) error = NULL;
  GPtrArray *presets = matou_presets_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (presets);
  g_assert_cmpuint (presets->len, >, 0);

  return presets;
}

#define PRESET(presets, i) ((const MatouPreset *) g_ptr_array_index ((presets), (i)))

static void
assert_common (const MatouPreset *preset)
{
  g_assert_nonnull (preset->id);
  g_assert_nonnull (preset->name);
  g_assert_nonnull (preset->note);
  g_assert_true (g_utf8_validate (preset->name, -1, NULL));
  g_assert_true (g_utf8_validate (preset->note, -1, NULL));
  if (!matou_presets_string_is_listed (preset->name))
    g_error ("the name “%s” of %s is not listed for translation in matou-presets.c", preset->name, preset->id);
  if (!matou_presets_string_is_listed (preset->note))
    g_error ("the note “%s” of %s is not listed for translation in matou-presets.c", preset->note, preset->id);
}

static void
test_registry_mirrors (void)
{
  g_autoptr(GPtrArray) presets = load ("registry-mirrors.json");
  const char *expected[] = { "1ms", "dockerproxy", "daocloud", "1panel", "tencent-cloud", "aliyun" };
  const MatouPreset *aliyun, *tencent;

  for (guint i = 0; i < presets->len; i++)
    {
      const MatouPreset *preset = PRESET (presets, i);
      g_autoptr(GError) error = NULL;

      assert_common (preset);
      g_assert_cmpint (preset->kind, ==, MATOU_PRESET_REGISTRY_MIRROR);
      g_assert_nonnull (preset->url);
      g_assert_null (preset->address);
      g_assert_null (preset->test_url);
      /* Community and vendor services, never "official": the page says they may stop working. */
      g_assert_cmpint (preset->provider, !=, MATOU_PRESET_PROVIDER_OFFICIAL);

      if (preset->is_template)
        {
          g_assert_nonnull (preset->match);
          continue;
        }

      /* Engine 20.10 refuses a path: presets must work on every Engine. */
      matou_validate_mirror (preset->url, FALSE, &error);
      g_assert_no_error (error);
      g_assert_true (matou_presets_match_url (presets, preset->url) == preset);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (matou_presets_find (presets, expected[i]));

  /* The user's own Alibaba Cloud accelerator is recognised, and valid. */
  aliyun = matou_presets_find (presets, "aliyun");
  g_assert_true (aliyun->is_template);
  g_assert_true (matou_presets_match_url (presets, "https://abc123xyz.mirror.aliyuncs.com") == aliyun);
  g_assert_true (matou_presets_match_url (presets, "https://ABC123xyz.mirror.aliyuncs.com/") == aliyun);
  g_assert_true (matou_validate_mirror ("https://abc123xyz.mirror.aliyuncs.com", FALSE, NULL));
  g_assert_null (matou_presets_match_url (presets, "https://mirror.example.com"));

  tencent = matou_presets_find (presets, "tencent-cloud");
  g_assert_nonnull (strstr (tencent->note, "Tencent Cloud machines"));
  g_assert_true (matou_presets_match_url (presets, "https://mirror.ccs.tencentyun.com/") == tencent);
}

static void
test_docker_ce_mirrors (void)
{
  g_autoptr(GPtrArray) presets = load ("docker-ce-mirrors.json");
  const char *expected[] = {
    "aliyun", "tencent", "huaweicloud", "tuna", "ustc", "netease", "azure-china",
    "pku", "zju", "nju", "sjtu", "iscas", "docker",
  };
  const MatouPreset *official;
  g_autofree char *fedora = NULL;

  g_assert_cmpuint (presets->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (matou_presets_find (presets, expected[i]));

  for (guint i = 0; i < presets->len; i++)
    {
      const MatouPreset *preset = PRESET (presets, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *ubuntu = NULL;

      assert_common (preset);
      g_assert_cmpint (preset->kind, ==, MATOU_PRESET_DOCKER_CE_MIRROR);
      g_assert_false (preset->is_template);
      g_assert_true (g_str_has_prefix (preset->url, "https://"));
      g_assert_false (g_str_has_suffix (preset->url, "/"));
      /* A repository base is a URL like a mirror's, with a path. */
      matou_validate_mirror (preset->url, TRUE, &error);
      g_assert_no_error (error);

      ubuntu = matou_preset_docker_ce_test_url (preset, NULL);
      g_assert_cmpstr (preset->test_url, ==, ubuntu);
      g_assert_true (g_str_has_prefix (preset->test_url, preset->url));
    }

  official = matou_presets_find (presets, "docker");
  g_assert_cmpstr (official->url, ==, "https://download.docker.com");
  g_assert_cmpint (official->provider, ==, MATOU_PRESET_PROVIDER_OFFICIAL);

  fedora = matou_preset_docker_ce_test_url (matou_presets_find (presets, "tuna"), "fedora");
  g_assert_cmpstr (fedora, ==, "https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/fedora/gpg");
}

static void
test_dns_servers (void)
{
  g_autoptr(GPtrArray) presets = load ("dns-servers.json");
  const char *expected[] = {
    "223.5.5.5", "223.6.6.6", "119.29.29.29", "114.114.114.114", "8.8.8.8", "8.8.4.4", "1.1.1.1",
  };

  g_assert_cmpuint (presets->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < presets->len; i++)
    {
      const MatouPreset *preset = PRESET (presets, i);
      g_autoptr(GError) error = NULL;

      assert_common (preset);
      g_assert_cmpint (preset->kind, ==, MATOU_PRESET_DNS_SERVER);
      g_assert_null (preset->url);
      g_assert_cmpstr (preset->address, ==, expected[i]);
      matou_validate_dns (preset->address, &error);
      g_assert_no_error (error);
    }
}

static void
test_bad_lists (void)
{
  const char *lists[] = {
    "",
    "not json",
    "[]",
    "{\"kind\": \"registry-mirrors\"}",
    "{\"kind\": \"spaceships\", \"entries\": []}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [42]}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"provider\": \"community\"}]}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"\", \"provider\": \"community\"}]}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"N\", \"provider\": \"aliens\"}]}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"N\", \"provider\": \"vendor\", \"template\": true}]}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"N\", \"provider\": \"vendor\", \"template\": \"yes\"}]}",
    "{\"kind\": \"registry-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"N\", \"provider\": \"vendor\"},"
    " {\"id\": \"a\", \"url\": \"https://b.example\", \"name\": \"B\", \"note\": \"N\", \"provider\": \"vendor\"}]}",
    "{\"kind\": \"dns-servers\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"N\", \"provider\": \"vendor\"}]}",
    "{\"kind\": \"docker-ce-mirrors\", \"entries\": [{\"id\": \"a\", \"url\": \"https://a.example\", \"name\": \"A\", \"note\": \"N\", \"provider\": \"vendor\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) presets = matou_presets_load_from_data (lists[i], -1, &error);

      if (presets != NULL)
        g_error ("list %u was accepted: %s", i, lists[i]);
      g_assert_error (error, MATOU_ERROR, MATOU_ERROR_PARSE);
      g_test_message ("list %u: %s", i, error->message);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) presets = matou_presets_load ("/nonexistent/registry-mirrors.json", &error);

    g_assert_null (presets);
    g_assert_error (error, MATOU_ERROR, MATOU_ERROR_IO);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) presets = matou_presets_load ("resource:///io/github/matou/Matou/data/none.json", &error);

    g_assert_null (presets);
    g_assert_error (error, MATOU_ERROR, MATOU_ERROR_IO);
  }
}

/* Under zh_CN the names and notes come out in Chinese. Needs the compiled
 * catalogue (MATOU_LOCALEDIR) and the locale; skips without them. */
static void
test_translated (void)
{
  g_autoptr(GPtrArray) presets = NULL;
  const MatouPreset *alidns;
  char *saved = matou_test_enter_chinese ();

  if (saved == NULL)
    return;

  presets = load ("dns-servers.json");
  alidns = matou_presets_find (presets, "alidns-1");
  g_test_message ("%s: %s", alidns->name, alidns->note);
  g_assert_cmpstr (alidns->note, !=, "Alibaba Cloud’s public DNS. Fast in mainland China.");
  g_assert_nonnull (strstr (alidns->note, "阿里"));

  matou_test_leave_chinese (saved);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/presets/registry-mirrors", test_registry_mirrors);
  g_test_add_func ("/presets/docker-ce-mirrors", test_docker_ce_mirrors);
  g_test_add_func ("/presets/dns-servers", test_dns_servers);
  g_test_add_func ("/presets/bad-lists", test_bad_lists);
  g_test_add_func ("/presets/translated", test_translated);

  return g_test_run ();
}
