/**
 * @file smtpreply.hpp
 * smtpreply: a header-only, zero-allocation parser for SMTP server replies
 * (RFC 5321 section 4.2, RFC 3463 enhanced status codes).
 *
 * @example
 *   smtpreply::parse_result r = smtpreply::parse_reply("421 4.3.2 Shutting down\r\n");
 *   if (r && r.value.is_transient()) retry_later();
 */
#ifndef SMTPREPLY_SMTPREPLY_HPP
#define SMTPREPLY_SMTPREPLY_HPP

#include "catalog.hpp"
#include "code.hpp"
#include "command.hpp"
#include "ehlo.hpp"
#include "enhanced.hpp"
#include "error.hpp"
#include "flags.hpp"
#include "options.hpp"
#include "reply.hpp"
#include "reply_parser.hpp"
#include "session.hpp"
#include "version.hpp"

#endif  // SMTPREPLY_SMTPREPLY_HPP
