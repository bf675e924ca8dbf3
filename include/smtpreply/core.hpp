/**
 * @file core.hpp
 * smtpreply's parser alone: reply codes, enhanced codes, options, flags,
 * errors, the streaming parser and the batch API, without the catalog, EHLO view or session
 * checking. For programs that only need to read replies.
 */
#ifndef SMTPREPLY_CORE_HPP
#define SMTPREPLY_CORE_HPP

#include "batch.hpp"
#include "code.hpp"
#include "enhanced.hpp"
#include "enum_info.hpp"
#include "error.hpp"
#include "flags.hpp"
#include "options.hpp"
#include "reply.hpp"
#include "reply_parser.hpp"
#include "version.hpp"

#endif  // SMTPREPLY_CORE_HPP
