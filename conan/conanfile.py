"""Conan 2 recipe for smtpreply, a header-only library.

    conan create conan/            # package the working tree and run test_package

The version is read from include/smtpreply/version.hpp; the sources are the
headers (found by glob) and the license.
"""
import os
import re

from conan.tools.build import check_min_cppstd
from conan.tools.files import copy, load
from conan.tools.layout import basic_layout

from conan import ConanFile

required_conan_version = ">=2.0"


class SmtpreplyConan(ConanFile):
    name = "smtpreply"
    description = "Header-only, zero-allocation C++17 parser for SMTP server replies (RFC 5321, RFC 3463)"
    license = "MIT"
    url = "https://github.com/smtpreply/smtpreply"
    homepage = "https://github.com/smtpreply/smtpreply"
    topics = ("smtp", "email", "parser", "rfc5321", "header-only")
    package_type = "header-library"
    settings = "os", "arch", "compiler", "build_type"
    no_copy_source = True

    def _root(self):
        return os.path.join(self.recipe_folder, "..")

    def set_version(self):
        text = load(self, os.path.join(self._root(), "include", "smtpreply", "version.hpp"))
        self.version = re.search(r'#define SMTPREPLY_VERSION_STRING "([^"]+)"', text).group(1)

    def export_sources(self):
        copy(self, "*.hpp", os.path.join(self._root(), "include"), os.path.join(self.export_sources_folder, "include"))
        copy(self, "LICENSE", self._root(), self.export_sources_folder)

    def layout(self):
        basic_layout(self, src_folder=".")

    def package_id(self):
        self.info.clear()

    def validate(self):
        check_min_cppstd(self, 17)

    def package(self):
        copy(self, "LICENSE", self.source_folder, os.path.join(self.package_folder, "licenses"))
        copy(self, "*.hpp", os.path.join(self.source_folder, "include"), os.path.join(self.package_folder, "include"))

    def package_info(self):
        self.cpp_info.bindirs = []
        self.cpp_info.libdirs = []
        self.cpp_info.set_property("cmake_file_name", "smtpreply")
        self.cpp_info.set_property("cmake_target_name", "smtpreply::smtpreply")
        self.cpp_info.set_property("pkg_config_name", "smtpreply")
