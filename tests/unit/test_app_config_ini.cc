// The line index beside GKeyFile (common/ini_lines.hh) and the typed reads of
// a configuration file (core/config_file.hh).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/glib_ptr.hh"
#include "common/ini_lines.hh"
#include "core/config_file.hh"

using namespace hoist;

namespace {

std::vector<std::string> to_strings(const std::vector<ConfigProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.to_string());
  return out;
}

// Every (group, key) GKeyFile reports has the last value the index has.
void expect_agrees_with_gkeyfile(const std::string& text) {
  const std::string normalized = normalize_ini_text(text);
  GKeyFilePtr kf(g_key_file_new());
  ASSERT_TRUE(g_key_file_load_from_data(kf.get(), normalized.data(), normalized.size(),
                                        G_KEY_FILE_NONE, nullptr));
  const IniLines lines(normalized);
  gsize n_groups = 0;
  GStrvPtr groups(g_key_file_get_groups(kf.get(), &n_groups));
  size_t keys_seen = 0;
  for (gsize g = 0; g < n_groups; g++) {
    GStrvPtr keys(g_key_file_get_keys(kf.get(), groups.get()[g], nullptr, nullptr));
    for (char** k = keys.get(); *k; k++, keys_seen++) {
      GCharPtr value(g_key_file_get_value(kf.get(), groups.get()[g], *k, nullptr));
      const IniAssignment* a = lines.last(groups.get()[g], *k);
      ASSERT_NE(a, nullptr) << groups.get()[g] << " " << *k;
      EXPECT_EQ(a->value, value.get()) << groups.get()[g] << " " << *k;
    }
  }
  // GKeyFile lists no locale variants ("Key[de]="); the index has them as keys.
  size_t plain = 0;
  for (const auto& a : lines.assignments()) plain += a.key.find('[') == std::string::npos;
  EXPECT_EQ(keys_seen, plain);
}

}  // namespace

TEST(IniLines, IndexesAssignmentsWithLines) {
  const IniLines lines(
      "# comment\n"
      "[App]\n"
      "Units=a.service\n"
      "\n"
      "  Step = make  \n"
      "[Build]\n"
      "Step=one\n"
      "Step=two\n"
      "[App]\n"
      "Units=b.service\n");
  ASSERT_EQ(lines.groups().size(), 3u);
  EXPECT_EQ(lines.groups()[0].name, "App");
  EXPECT_EQ(lines.groups()[0].line, 2u);
  EXPECT_EQ(lines.groups()[2].line, 9u);
  const auto units = lines.all("App", "Units");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0]->line, 3u);
  EXPECT_EQ(units[1]->value, "b.service");
  EXPECT_EQ(units[1]->line, 10u);
  EXPECT_EQ(lines.last("App", "Units")->line, 10u);
  const auto* step = lines.last("App", "Step");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->key, "Step");
  EXPECT_EQ(step->value, "make  ");  // as GKeyFile keeps it; readers trim
  EXPECT_EQ(step->line, 5u);
  const auto steps = lines.all("Build", "Step");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->value, "one");
  EXPECT_EQ(steps[1]->line, 8u);
  EXPECT_EQ(lines.last("Build", "Nope"), nullptr);
}

TEST(IniLines, AgreesWithGKeyFile) {
  expect_agrees_with_gkeyfile("[App]\nA = x  \nB=1\nB=2\n  C=  y z\t\n[App]\nA=3\n");
  expect_agrees_with_gkeyfile("[App]\r\nA=x\r\nB = y \r\n");
  expect_agrees_with_gkeyfile("  [A pp]  \n\tx y\t=\t1 = 2\nD[de]=x\nE=\nF=a\\sb\\\n");
  expect_agrees_with_gkeyfile("; semicolon\n[App]\n  ; indented\nA=1 ; not a comment\n");
  expect_agrees_with_gkeyfile("\xef\xbb\xbf[App]\nA=1");
}

TEST(IniLines, Normalization) {
  EXPECT_EQ(normalize_ini_text("; a\n  ;b\nA=1;2\n"), "# a\n  #b\nA=1;2\n");
  EXPECT_EQ(normalize_ini_text("\xef\xbb\xbf[App]\n"), "[App]\n");
}

TEST(IniLines, FindsTheLineGKeyFileRefuses) {
  EXPECT_EQ(first_bad_ini_line("[App]\nA=1\n"), std::nullopt);
  EXPECT_EQ(first_bad_ini_line(""), std::nullopt);
  EXPECT_EQ(first_bad_ini_line("[App]\nA=1\nnot a pair\nB=2\nalso bad\n"), 3u);
  EXPECT_EQ(first_bad_ini_line("A=1\n[App]\n"), 1u);
  EXPECT_EQ(first_bad_ini_line("[App]\n\n\n[Broken\n"), 4u);
  EXPECT_EQ(first_bad_ini_line("[App]\nA=1\nlast line without newline"), 3u);
}

TEST(ConfigProblem, Format) {
  EXPECT_EQ((ConfigProblem{"/etc/hoist/apps/api.app", 7, "App", "KeepReleases", "\"0\" is bad"})
                .to_string(),
            "/etc/hoist/apps/api.app:7: [App] KeepReleases=: \"0\" is bad");
  EXPECT_EQ((ConfigProblem{"f.app", 0, "App", "Units", "missing"}).to_string(),
            "f.app:0: [App] Units=: missing");
  EXPECT_EQ((ConfigProblem{"f.app", 3, "Foo", "", "unknown group, ignored"}).to_string(),
            "f.app:3: [Foo]: unknown group, ignored");
  EXPECT_EQ((ConfigProblem{"f.app", 0, "", "", "cannot be read"}).to_string(),
            "f.app:0: cannot be read");
  EXPECT_EQ((ConfigProblem{"f.app", 2, "App", "K\xff", "x"}).to_string(),
            "f.app:2: [App] K\xef\xbf\xbd=: x");
}

TEST(ConfigFile, SyntaxErrorsNameTheLine) {
  std::vector<ConfigProblem> errors, warnings;
  ConfigFile file("x.app", "[App]\nUnits=a.service\nnonsense\n", errors, warnings);
  EXPECT_FALSE(file.parsed());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_NE(errors[0].message.find("nonsense"), std::string::npos) << errors[0].message;
  EXPECT_FALSE(file.get("App", "Units"));
}

TEST(ConfigFile, NulBytesAreRefused) {
  std::vector<ConfigProblem> errors, warnings;
  const std::string text("[App]\nA=1\nB=x\0y\n", 15);
  ConfigFile file("x.app", text, errors, warnings);
  EXPECT_FALSE(file.parsed());
  EXPECT_EQ(to_strings(errors), (std::vector<std::string>{"x.app:3: contains a NUL byte"}));
}

TEST(ConfigFile, SingleValuesLastWinsEmptyMeansDefault) {
  std::vector<ConfigProblem> errors, warnings;
  ConfigFile file("x.app", "[App]\nA=one\nA=  two  \nB=\nC=x\nC=\n", errors, warnings);
  ASSERT_TRUE(file.parsed());
  auto a = file.get("App", "A");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->text, "two");
  EXPECT_EQ(a->line, 3u);
  EXPECT_FALSE(file.get("App", "B"));
  EXPECT_FALSE(file.get("App", "C"));
  EXPECT_EQ(file.line_of("App", "C"), 6u);
  EXPECT_EQ(file.line_of("App", "D"), 0u);
  EXPECT_TRUE(file.is_set("App", "A"));
  EXPECT_FALSE(file.is_set("App", "C"));
  EXPECT_TRUE(errors.empty());
}

TEST(ConfigFile, RepeatedValuesAccumulateAndEmptyResets) {
  std::vector<ConfigProblem> errors, warnings;
  ConfigFile file("x.app",
                  "[Build]\nStep=a\nStep=b\nStep=\nStep=c\n[Other]\nStep=z\n[Build]\nStep=d\n",
                  errors, warnings);
  const auto steps = file.get_all("Build", "Step");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0].text, "c");
  EXPECT_EQ(steps[0].line, 5u);
  EXPECT_EQ(steps[1].text, "d");
  EXPECT_EQ(steps[1].line, 9u);
}

TEST(ConfigFile, BadTextIsReported) {
  std::vector<ConfigProblem> errors, warnings;
  ConfigFile file("x.app", "[App]\nA=caf\xc3\nB=ok\nB=a\rb\n", errors, warnings);
  EXPECT_FALSE(file.get("App", "A"));
  EXPECT_TRUE(file.get_all("App", "B").size() == 1);
  EXPECT_EQ(
      to_strings(errors),
      (std::vector<std::string>{"x.app:2: [App] A=: \"caf\\xc3\" is not valid UTF-8",
                                "x.app:4: [App] B=: \"a\\x0db\" contains control character 0x0d"}));
}

TEST(ConfigFile, TypedReadsKeepDefaultsOnError) {
  std::vector<ConfigProblem> errors, warnings;
  ConfigFile file("x.app", "[G]\nT=5x\nZ=0\nN=7\nBool=maybe\nPath=rel\nCmd=-x\nChecked=a\n", errors,
                  warnings);
  uint64_t t = 1, z = 2;
  unsigned n = 3;
  bool b = true;
  std::string path = "/default", checked = "default";
  std::vector<std::string> argv{"default"};
  file.read_time_span("G", "T", t, false);
  file.read_time_span("G", "Z", z, false);
  file.read_unsigned("G", "N", 1, 5, n);
  file.read_boolean("G", "Bool", b);
  file.read_absolute_path("G", "Path", path);
  file.read_command("G", "Cmd", argv);
  file.read_checked("G", "Checked", checked, [](std::string_view v) {
    return v == "a" ? std::string("is a") : std::string();
  });
  EXPECT_EQ(t, 1u);
  EXPECT_EQ(z, 2u);
  EXPECT_EQ(n, 3u);
  EXPECT_TRUE(b);
  EXPECT_EQ(path, "/default");
  EXPECT_EQ(checked, "default");
  EXPECT_EQ(to_strings(errors),
            (std::vector<std::string>{
                "x.app:2: [G] T=: \"5x\" has an unknown time unit \"x\"",
                "x.app:3: [G] Z=: \"0\" is zero; it must be longer",
                "x.app:4: [G] N=: \"7\" is out of range (1 to 5)",
                "x.app:5: [G] Bool=: \"maybe\" is not a boolean (yes/no, true/false, on/off, 1/0)",
                "x.app:6: [G] Path=: \"rel\" is not an absolute path",
                "x.app:7: [G] Cmd=: \"-x\" starts with \"-\": systemd's command prefixes are not "
                "supported",
                "x.app:8: [G] Checked=: \"a\" is a",
            }));
}

TEST(ConfigFile, WarnsAboutUnknownGroupsAndKeys) {
  std::vector<ConfigProblem> errors, warnings;
  ConfigFile file("x.app",
                  "[App]\nUnits=a.service\nUnit=b.service\nColour=red\n[Fancy]\nX=1\nY=2\n"
                  "[App]\nDescriptoin=typo\n",
                  errors, warnings);
  file.get_all("App", "Units");
  file.get("App", "Description");
  file.warn_unknown();
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(to_strings(warnings),
            (std::vector<std::string>{
                "x.app:5: [Fancy]: unknown group, ignored",
                "x.app:3: [App] Unit=: unknown key, ignored (did you mean Units=?)",
                "x.app:4: [App] Colour=: unknown key, ignored",
                "x.app:9: [App] Descriptoin=: unknown key, ignored (did you mean Description=?)",
            }));
}
